package io.cdccookbook.tinybird;

/**
 * A datafile ready to upload.
 *
 * @param path where it lives in a project, e.g. {@code pg/datasources/pg_users_raw.datasource}
 * @param text its contents
 */
public record ProjectFile(String path, String text) {

    /** The file name without its folder: the multipart field name of /v0/datafiles. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The resource it defines. */
    public String resourceName() {
        return DatafileKind.stem(path);
    }
}
