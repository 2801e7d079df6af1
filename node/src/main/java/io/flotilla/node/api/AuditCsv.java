package io.flotilla.node.api;

import io.flotilla.storage.spi.AuditEvent;

/** The CSV export of the audit log (RFC 4180: fields with a comma, quote or line break are quoted). */
final class AuditCsv {

    static final String HEADER = "id,op_time,username,source,operation,resource_type,resource,project,result,detail\r\n";

    private AuditCsv() {
    }

    static String line(AuditEvent e) {
        return String.join(",", field(e.id()), field(e.at().toString()), field(e.actor()), field(e.source()),
                field(e.operation()), field(e.resourceType()), field(e.resource()), field(e.project()),
                field(e.result()), field(e.detail())) + "\r\n";
    }

    static String field(String value) {
        // A leading = + - @ would make a spreadsheet evaluate the cell; quote and prefix it.
        boolean formula = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0;
        String text = formula ? "'" + value : value;
        if (formula || text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
