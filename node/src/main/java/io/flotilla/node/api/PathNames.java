package io.flotilla.node.api;

import io.flotilla.node.access.Projects;
import io.flotilla.node.access.RobotAccount;
import io.flotilla.node.access.Users;

import java.util.regex.Pattern;

/**
 * Names taken from a request's path or query, checked before they reach the store. A name that no account,
 * project or robot can have names nothing, so it is answered 404 like any other that does not exist.
 */
final class PathNames {

    static final Pattern ROBOT_SHORT_NAME = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");

    private PathNames() {
    }

    static String user(String name) {
        try {
            return Users.checkName(name);
        } catch (IllegalArgumentException e) {
            throw ApiAnswers.notFound("user", name);
        }
    }

    static String project(String name) {
        try {
            return Projects.checkName(name);
        } catch (IllegalArgumentException e) {
            throw ApiAnswers.notFound("project", name);
        }
    }

    static String group(String name) {
        if (name.isEmpty() || !ApiText.valid(name, 255)) {
            throw ApiAnswers.notFound("group", name);
        }
        return name;
    }

    /** A robot's full name; the {@code robot$} prefix may be left out. */
    static String robot(String name) {
        String full = name.startsWith(RobotAccount.PREFIX) ? name : RobotAccount.PREFIX + name;
        String rest = full.substring(RobotAccount.PREFIX.length());
        int plus = rest.indexOf('+');
        if (plus >= 0) {
            project(rest.substring(0, plus));
            rest = rest.substring(plus + 1);
        }
        if (full.length() > 255 || !ROBOT_SHORT_NAME.matcher(rest).matches()) {
            throw ApiAnswers.notFound("robot", name);
        }
        return full;
    }

    /** The project of a project robot's full name, or null for a system robot. */
    static String projectOfRobot(String fullName) {
        int plus = fullName.indexOf('+');
        return plus < 0 ? null : fullName.substring(RobotAccount.PREFIX.length(), plus);
    }
}
