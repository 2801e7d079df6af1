/**
 * Logins checked against an LDAP directory or Active Directory, with the JDK's JNDI alone: the settings
 * ({@link io.flotilla.node.auth.ldap.LdapSettings}), the check itself
 * ({@link io.flotilla.node.auth.ldap.LdapDirectory}), which answers with a
 * {@link io.flotilla.node.auth.DirectoryIdentity} or nothing, and the one failure a caller must tell from a
 * wrong password, {@link io.flotilla.node.auth.ldap.DirectoryUnavailableException} (503, not a failed login).
 * Nothing here knows HTTP or Flotilla's own accounts; mapping groups to permissions is the caller's job.
 */
package io.flotilla.node.auth.ldap;
