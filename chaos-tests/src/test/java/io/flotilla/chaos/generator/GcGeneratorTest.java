package io.flotilla.chaos.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.client.ManifestRefs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GcGeneratorTest {

    /** The plans one process would perform if every write succeeded (the state learns of each). */
    private static List<Plan> plans(long seed, int process, int count) {
        GcGenerator generator = new GcGenerator(seed);
        ProcessState state = new ProcessState();
        SplittableRandom rng = Generator.random(seed, process);
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Plan plan = generator.next(state, rng);
            switch (plan) {
                case Plan.PushImage p -> {
                    if (p.tag() != null) {
                        state.tagAttempted(p.digest());
                    }
                    state.imagePushed(new ProcessState.Image(p.repo(), p.digest(), p.manifest(), p.blobs()));
                }
                case Plan.Retag p -> state.tagAttempted(p.digest());
                case Plan.Delete p -> state.deleteAttempted(p.repo(), p.digest());
                default -> { }
            }
            plans.add(plan);
        }
        return plans;
    }

    private static List<String> described(List<Plan> plans) {
        return plans.stream().map(Plan::describe).toList();
    }

    @Test
    void sameSeedAndProcessGiveTheSamePlans() {
        assertEquals(described(plans(11, 2, 300)), described(plans(11, 2, 300)));
        assertNotEquals(described(plans(11, 2, 50)), described(plans(12, 2, 50)));
        assertNotEquals(described(plans(11, 2, 50)), described(plans(11, 3, 50)));
    }

    @Test
    void imagesReuseTheirRepositorysPoolAndNameEveryBlobTheyUpload() {
        GcGenerator generator = new GcGenerator(11);
        int reusedTotal = 0;
        for (Plan plan : plans(11, 0, 400)) {
            if (!(plan instanceof Plan.PushImage p)) {
                continue;
            }
            Set<String> pool = new HashSet<>();
            generator.pool(p.repo()).forEach(l -> pool.add(l.digest()));
            assertTrue(pool.containsAll(p.reused()), p.describe());
            assertTrue(p.reused().size() >= 1 && p.reused().size() <= 2, p.describe());
            reusedTotal += p.reused().size();
            List<String> uploaded = p.blobs().stream().map(SeededContent::digest).toList();
            assertEquals(uploaded, ManifestRefs.of(p.manifest()), "config first, then the layers");
            assertFalse(pool.contains(uploaded.getFirst()), "a config is always fresh");
        }
        assertTrue(reusedTotal > 50, "pooled layers are reused: " + reusedTotal);
    }

    @Test
    void poolsDifferBetweenRepositoriesAndSeeds() {
        GcGenerator a = new GcGenerator(11);
        Set<String> digests = new HashSet<>();
        for (String repo : Generator.REPOS) {
            a.pool(repo).forEach(l -> digests.add(l.digest()));
        }
        assertEquals(Generator.REPOS.size() * GcGenerator.POOL_SIZE, digests.size());
        assertNotEquals(a.pool("chaos/r0").getFirst().digest(), new GcGenerator(12).pool("chaos/r0").getFirst().digest());
    }

    @Test
    void theMixReachesEveryKindAndDeletesOnlyImagesNeverTagged() {
        Map<String, Integer> kinds = new HashMap<>();
        Set<String> tagged = new HashSet<>();
        for (Plan plan : plans(5, 1, 2000)) {
            String kind = plan.describe().substring(0, plan.describe().indexOf(' '));
            if (plan instanceof Plan.PullDigest p) {
                kind += p.manifest() ? " manifest" : " blob";
            }
            kinds.merge(kind, 1, Integer::sum);
            switch (plan) {
                case Plan.PushImage p when p.tag() != null -> tagged.add(p.digest());
                case Plan.Retag p -> tagged.add(p.digest());
                case Plan.Delete p -> assertFalse(tagged.contains(p.digest()), "deleted a tagged image: " + p.describe());
                default -> { }
            }
        }
        assertEquals(Set.of("push-image", "retag", "delete", "pull-digest blob", "pull-digest manifest", "pull-tag"),
                kinds.keySet(), kinds.toString());
        assertTrue(kinds.get("delete") < kinds.get("push-image"), kinds.toString());
    }
}
