package io.flotilla.node.auth.ldap;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Turns group DNs into group names: the value of each DN's first RDN, {@code cn=devs,ou=groups,...} -> devs. */
final class GroupNames {
    private GroupNames() {
    }

    /** Sorted and without duplicates; a value that is not a DN is taken as a name as it stands. */
    static List<String> of(Collection<String> groupDns) {
        TreeSet<String> names = new TreeSet<>();
        for (String dn : groupDns) {
            String name = nameOf(dn);
            if (!name.isBlank()) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    static String nameOf(String dn) {
        try {
            LdapName parsed = new LdapName(dn);
            if (parsed.isEmpty()) {
                return "";
            }
            // LdapName counts RDNs from the right: the first one written is the last index.
            Object value = parsed.getRdn(parsed.size() - 1).getValue();
            return value instanceof String s ? s : Rdn.escapeValue(value);
        } catch (InvalidNameException e) {
            return dn.trim();
        }
    }
}
