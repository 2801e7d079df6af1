package io.flotilla.node.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenScopeTest {

    @Test
    void parsesARepositoryScopeWithSortedDistinctActions() {
        TokenScope scope = TokenScope.parse("repository:library/alpine:push,pull,push");
        assertEquals(new TokenScope("repository", "library/alpine", List.of("pull", "push")), scope);
        assertEquals("repository:library/alpine:pull,push", scope.toString());
    }

    @Test
    void parsesTheCatalogScope() {
        TokenScope scope = TokenScope.parse("registry:catalog:*");
        assertEquals("registry", scope.type());
        assertEquals("catalog", scope.name());
        assertEquals(List.of("*"), scope.actions());
    }

    @Test
    void aHostPortNameIsSplitWholeAndThenRefusedByTheOciNameRules() {
        // The first/last split keeps "localhost:5000/app" together; RepositoryName then refuses it because
        // ':' is not in the OCI name grammar: names in this registry never carry a host, clients strip it.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenScope.parse("repository:localhost:5000/app:pull"));
        assertTrue(e.getMessage().contains("localhost:5000/app"), e.getMessage());
    }

    @Test
    void extraColonsStayInTheNameWhichTheNameRulesRefuse() {
        // Split on the first and last ':': type "repository", name "a:b", actions "c:push" cannot happen.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenScope.parse("repository:a:b:c:push"));
        assertTrue(e.getMessage().contains("a:b:c"), e.getMessage());
    }

    @Test
    void theNameIsBetweenTheFirstAndLastColon() {
        // "a:b:c" as type:name:actions with one colon in the name; the name "a:b" breaks the grammar.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenScope.parse("repository:a:b:push"));
        assertTrue(e.getMessage().contains("\"a:b\""), e.getMessage());
    }

    @Test
    void refusesMalformedScopes() {
        for (String bad : List.of("", "repository", "repository:alpine", "repository:alpine:", ":alpine:pull",
                "repository::pull", "repository:alpine:pull,", "repository:alpine:pull,,push",
                "repository:alpine:fly", "blob:alpine:pull", "registry:users:*", "repository:Alpine:pull",
                "repository:app\nx:pull", "repository:app\u0000:pull")) {
            assertThrows(IllegalArgumentException.class, () -> TokenScope.parse(bad), bad);
        }
    }

    @Test
    void refusesAnUnknownActionByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenScope.parse("repository:alpine:pull,admin"));
        assertTrue(e.getMessage().contains("admin"), e.getMessage());
    }

    @Test
    void refusesAControlCharacterInTheName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenScope.parse("repository:lib\nrary/alpine:pull"));
        assertTrue(e.getMessage().contains("control character"), e.getMessage());
    }

    @Test
    void refusesAScopeOverTheLengthBound() {
        String scope = "repository:" + "a".repeat(2048) + ":pull";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenScope.parse(scope));
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
    }

    @Test
    void parsesSeveralScopesAndFailsOnAnyBadOne() {
        List<TokenScope> scopes = TokenScope.parseAll(List.of("repository:a/b:pull", "registry:catalog:*"));
        assertEquals(2, scopes.size());
        assertThrows(IllegalArgumentException.class,
                () -> TokenScope.parseAll(List.of("repository:a/b:pull", "repository:a/b:")));
    }
}
