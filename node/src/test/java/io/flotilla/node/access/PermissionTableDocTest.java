package io.flotilla.node.access;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/access-control.md prints what each project role may do; this keeps it equal to {@link RolePermissions},
 * the table the code decides by. On a change, paste the table from the failure message into the page.
 */
class PermissionTableDocTest {

    private static final Path PAGE = Path.of("..", "docs", "access-control.md");

    /** Rows: every permission; columns: the roles, strongest first; ✓ where the role holds it. */
    static String markdown() {
        StringBuilder out = new StringBuilder("| Permission |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Role role : Role.values()) {
            out.append(' ').append(role.harborName()).append(" |");
            rule.append(":-:|");
        }
        out.append('\n').append(rule).append('\n');
        for (Permission p : Permission.values()) {
            out.append("| `").append(p).append("` |");
            for (Role role : Role.values()) {
                out.append(RolePermissions.allows(role, p) ? " ✓ |" : "  |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Test
    void thePageShowsTheTableTheCodeDecidesBy() throws IOException {
        String page = Files.readString(PAGE);
        String table = markdown();
        assertTrue(page.contains(table), () -> PAGE + " lacks the current permission table:\n\n" + table);
    }
}
