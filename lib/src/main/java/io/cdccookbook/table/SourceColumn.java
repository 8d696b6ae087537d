package io.cdccookbook.table;

/**
 * One column of a source table as the database's information_schema describes it.
 *
 * @param name      the column's name
 * @param type      the type's name, lower case: {@code integer}, {@code numeric}, {@code timestamp with time zone}
 *                  on PostgreSQL ({@code ARRAY} types as {@code integer[]}), {@code int}, {@code datetime} on MySQL
 * @param fullType  the type as declared, with its modifiers: {@code varchar(20)}, {@code int unsigned},
 *                  {@code enum('a','b')} (MySQL's COLUMN_TYPE; on PostgreSQL the udt name, e.g. a user enum)
 * @param length    characters for text types, else -1
 * @param precision digits for numeric types, fractional-second digits for time types, else -1
 * @param scale     digits after the point for numeric types, else -1
 * @param nullable  whether the column takes NULL
 */
public record SourceColumn(String name, String type, String fullType, int length, int precision, int scale,
                           boolean nullable) {

    /** MySQL's UNSIGNED integers, which need the next wider type on the replica. */
    public boolean unsigned() {
        return fullType.toLowerCase(java.util.Locale.ROOT).contains("unsigned");
    }

    @Override
    public String toString() {
        return name + " " + fullType + (nullable ? "" : " NOT NULL");
    }
}
