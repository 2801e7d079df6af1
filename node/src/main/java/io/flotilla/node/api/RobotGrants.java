package io.flotilla.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.model.Names;
import io.flotilla.node.access.Permission;
import io.flotilla.node.access.RobotAccount;
import io.flotilla.node.http.Json;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A robot's {@code permissions} in Harbor's form, {@code [{kind: "project", namespace: <project or *>,
 * access: [{resource, action}]}]}, read into {@link RobotAccount.Grant}s (one per namespace) and written back.
 * Only {@code kind: project} and allow-effects exist here; anything else, and any resource and action that is
 * not a {@link Permission}, is refused.
 */
final class RobotGrants {

    static final String ALL_PROJECTS = "*";

    private RobotGrants() {
    }

    static List<RobotAccount.Grant> read(List<JsonBody> entries) {
        if (entries.isEmpty()) {
            throw ApiAnswers.bad("permissions must grant something");
        }
        Map<String, Set<Permission>> byNamespace = new LinkedHashMap<>();
        for (JsonBody entry : entries) {
            String kind = entry.optionalText("kind").orElse("project");
            if (!kind.equals("project")) {
                throw ApiAnswers.bad("permission kind " + Names.printable(kind) + " is not supported; use project");
            }
            String namespace = entry.text("namespace");
            if (!namespace.equals(ALL_PROJECTS) && !validProject(namespace)) {
                throw ApiAnswers.bad("namespace " + Names.printable(namespace) + " is neither a project name nor *");
            }
            Set<Permission> access = byNamespace.computeIfAbsent(namespace, n -> EnumSet.noneOf(Permission.class));
            List<JsonBody> items = entry.optionalObjects("access").orElseThrow(() -> ApiAnswers.bad("access is required"));
            for (JsonBody item : items) {
                String effect = item.optionalText("effect").orElse("allow");
                if (!effect.equals("allow")) {
                    throw ApiAnswers.bad("only the effect allow is supported");
                }
                access.add(permission(item.text("resource"), item.text("action")));
            }
        }
        List<RobotAccount.Grant> grants = new ArrayList<>();
        byNamespace.forEach((namespace, access) -> {
            if (access.isEmpty()) {
                throw ApiAnswers.bad("the permissions for " + Names.printable(namespace) + " grant no access");
            }
            grants.add(new RobotAccount.Grant(namespace, access));
        });
        return grants;
    }

    private static boolean validProject(String name) {
        try {
            io.flotilla.node.access.Projects.checkName(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Permission permission(String resource, String action) {
        try {
            return Permission.of(resource, action);
        } catch (IllegalArgumentException e) {
            throw ApiAnswers.bad("unknown permission " + Names.printable(resource + ":" + action));
        }
    }

    static ArrayNode json(List<RobotAccount.Grant> grants) {
        ArrayNode out = Json.array();
        for (RobotAccount.Grant g : grants) {
            ObjectNode entry = out.addObject();
            entry.put("kind", "project");
            entry.put("namespace", g.namespace());
            ArrayNode access = entry.putArray("access");
            new java.util.TreeSet<>(g.access()).forEach(p ->
                    access.addObject().put("resource", p.resource()).put("action", p.action()).put("effect", "allow"));
        }
        return out;
    }
}
