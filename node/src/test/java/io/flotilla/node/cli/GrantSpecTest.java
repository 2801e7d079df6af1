package io.flotilla.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GrantSpecTest {

    @Test
    void specsOfOneProjectMergeIntoOneEntry() {
        JsonNode permissions = GrantSpec.permissions(List.of("team:repository:pull,push", "team:robot:list",
                "*:repository:pull"), null);
        assertEquals(2, permissions.size());
        assertEquals("team", permissions.get(0).get("namespace").asText());
        assertEquals("project", permissions.get(0).get("kind").asText());
        assertEquals("[{\"resource\":\"repository\",\"action\":\"pull\"},{\"resource\":\"repository\",\"action\":\"push\"},"
                + "{\"resource\":\"robot\",\"action\":\"list\"}]", permissions.get(0).get("access").toString());
        assertEquals("*", permissions.get(1).get("namespace").asText());
    }

    @Test
    void theProjectMayBeLeftOutForAProjectRobot() {
        JsonNode permissions = GrantSpec.permissions(List.of("repository:pull"), "team");
        assertEquals("team", permissions.get(0).get("namespace").asText());
    }

    @Test
    void malformedSpecsAreUsageErrors() {
        assertThrows(UsageException.class, () -> GrantSpec.permissions(List.of("repository:pull"), null));
        assertThrows(UsageException.class, () -> GrantSpec.permissions(List.of("pull"), "team"));
        assertThrows(UsageException.class, () -> GrantSpec.permissions(List.of("a:b:c:d"), "team"));
        assertThrows(UsageException.class, () -> GrantSpec.permissions(List.of("team:repository:pull,,push"), null));
        assertThrows(UsageException.class, () -> GrantSpec.permissions(List.of(), "team"));
    }
}
