package io.flotilla.node.auth.ldap;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Group DNs, as OpenLDAP's memberOf and AD's write them, become the names permissions are given to. */
class GroupNamesTest {

    @Test
    void firstRdnValueIsTheName() {
        assertEquals("devs", GroupNames.nameOf("cn=devs,ou=groups,dc=flotilla,dc=test"));
        assertEquals("Domain Users", GroupNames.nameOf("CN=Domain Users,CN=Users,DC=corp,DC=example"));
    }

    @Test
    void escapesInTheDnAreUndone() {
        assertEquals("release, managers", GroupNames.nameOf("cn=release\\, managers,ou=groups,dc=example"));
        assertEquals("a+b=c", GroupNames.nameOf("cn=a\\+b\\=c,dc=example"));
        assertEquals("zoë's team", GroupNames.nameOf("cn=zo\\c3\\ab's team,dc=example"));
    }

    @Test
    void valueThatIsNoDnIsTakenAsItStands() {
        assertEquals("devs", GroupNames.nameOf("devs"));
    }

    @Test
    void namesAreSortedWithoutDuplicatesOrBlanks() {
        assertEquals(List.of("devs", "ops"), GroupNames.of(List.of("cn=ops,ou=groups,dc=x", "cn=devs,ou=groups,dc=x",
                "cn=devs,ou=other,dc=x", "", "  ")));
    }
}
