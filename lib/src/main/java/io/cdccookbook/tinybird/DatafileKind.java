package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;

/** The three kinds of Tinybird datafile the cookbook writes, told apart by their extension. */
public enum DatafileKind {

    DATASOURCE(".datasource"),
    PIPE(".pipe"),
    /** Forward only: a Kafka connection whose credentials come from workspace secrets. */
    CONNECTION(".connection");

    private final String extension;

    DatafileKind(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The kind of {@code fileName}, e.g. DATASOURCE for {@code pg_users_raw.datasource}. */
    public static DatafileKind of(String fileName) {
        for (DatafileKind kind : values()) {
            if (fileName.endsWith(kind.extension)) {
                return kind;
            }
        }
        throw new CookbookException("'" + fileName + "' is not a Tinybird datafile.",
                "Datafiles end in .datasource, .pipe or .connection.");
    }

    /** The resource's name: the file name without folder and extension. */
    public static String stem(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        return base.substring(0, base.length() - of(base).extension.length());
    }
}
