package io.flotilla.node;

import io.flotilla.node.access.AccessPolicy;
import io.flotilla.node.access.Accounts;
import io.flotilla.node.access.Members;
import io.flotilla.node.access.Projects;
import io.flotilla.node.access.Robots;
import io.flotilla.node.access.Users;
import io.flotilla.node.api.ApiGate;
import io.flotilla.node.api.AuditLogsApi;
import io.flotilla.node.api.SigningKeysApi;
import io.flotilla.node.auth.http.JwksHttp;
import io.flotilla.node.api.MembersApi;
import io.flotilla.node.api.OpenApiDocument;
import io.flotilla.node.api.ProjectContents;
import io.flotilla.node.api.ProjectsApi;
import io.flotilla.node.api.RobotsApi;
import io.flotilla.node.api.SystemInfoApi;
import io.flotilla.node.api.UsersApi;
import io.flotilla.node.audit.AuditSearch;
import io.flotilla.node.audit.AuditLog;
import io.flotilla.node.audit.RegistryAuditTrail;
import io.flotilla.node.auth.Authenticator;
import io.flotilla.node.auth.BootstrapAdmin;
import io.flotilla.node.auth.CredentialCache;
import io.flotilla.node.auth.LoginThrottle;
import io.flotilla.node.auth.PasswordDirectory;
import io.flotilla.node.auth.PasswordHasher;
import io.flotilla.node.auth.PublishedKeys;
import io.flotilla.node.auth.RegistryTokens;
import io.flotilla.node.auth.SigningKeys;
import io.flotilla.node.auth.ThrottlePolicy;
import io.flotilla.node.auth.TokenIssuer;
import io.flotilla.node.auth.TokenVerifier;
import io.flotilla.node.auth.http.AuthHttp;
import io.flotilla.node.auth.oidc.OidcFromConfig;
import io.flotilla.node.config.FlotillaConfig;
import io.flotilla.node.http.Urls;
import io.flotilla.storage.spi.MetadataStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds a node's access control from its configuration: the account and project records, the policy, the
 * signing keys and the cluster's JWKS, the authenticator, the audit log, and the HTTP pieces that use them.
 */
final class AccessControl implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AccessControl.class.getName());

    private final FlotillaConfig.Auth settings;
    private final SigningKeys keys;
    private final PublishedKeys published;
    private final AuditLog audit;
    private final AccessPolicy policy;
    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final Authenticator authenticator;
    private final AuthHttp http;
    private final ManagementApi api;

    AccessControl(FlotillaConfig config, MetadataStore store, Urls urls, Optional<PasswordDirectory> ldap, Clock clock) {
        this.settings = config.auth();
        Duration cacheTtl = settings.accessCacheTtl();
        Users users = new Users(store, cacheTtl, clock);
        Robots robots = new Robots(store, cacheTtl, clock);
        Projects projects = new Projects(store, settings.defaultProject(), cacheTtl, clock);
        Members members = new Members(store, cacheTtl, clock);
        this.policy = new AccessPolicy(projects, members, clock);
        this.accounts = new Accounts(users, robots, clock);
        this.hasher = new PasswordHasher();
        Duration oidcTimeout = Duration.ofSeconds(settings.oidc().loginTimeoutSeconds());
        Duration longest = java.util.stream.Stream.of(settings.tokenLifetime(), settings.refreshTokenLifetime(),
                oidcTimeout).max(Duration::compareTo).orElseThrow();
        this.keys = SigningKeys.open(config.storage().root(), longest, clock);
        this.published = new PublishedKeys(store, keys);
        published.publishOwn();
        BootstrapAdmin.ensure(users, hasher, System.getenv("FLOTILLA_ADMIN_PASSWORD"), adminPasswordFile(config));
        projects.createIfAbsent(settings.defaultProject(), false, BootstrapAdmin.NAME);
        this.authenticator = new Authenticator(users, robots, hasher, throttle(settings, clock),
                new CredentialCache<>(CredentialCache.DEFAULT_MAX_ENTRIES, settings.credentialCacheTtl(), clock),
                ldap, clock);
        FlotillaConfig.Audit auditSettings = config.audit();
        this.audit = new AuditLog(store, auditSettings.retention(), auditSettings.pullQueue(),
                Duration.ofMillis(auditSettings.flushMs()), clock);
        String service = settings.service();
        TokenIssuer accessIssuer = new TokenIssuer(keys, settings.issuer(), service, settings.tokenLifetime(), clock);
        String refreshAudience = RegistryTokens.refreshAudience(service);
        TokenIssuer refreshIssuer = new TokenIssuer(keys, settings.issuer(), refreshAudience,
                settings.refreshTokenLifetime(), clock);
        TokenVerifier verifier = new TokenVerifier(published::find, settings.issuer(), service, clock);
        TokenVerifier refreshVerifier = new TokenVerifier(published::find, settings.issuer(), refreshAudience, clock);
        RegistryTokens tokens = new RegistryTokens(accessIssuer, refreshIssuer, refreshVerifier, policy);
        RegistryAuditTrail trail = new RegistryAuditTrail(audit, projects);
        this.http = new AuthHttp(authenticator, verifier, accounts, policy, tokens, urls, service, trail,
                settings.credentialCacheTtl());
        authenticator.alsoForget(http.authentication()::forget);
        Consumer<String> forget = authenticator::forget;
        boolean directory = ldap.isPresent();
        List<io.helidon.webserver.http.HttpService> services = new java.util.ArrayList<>(List.of(
                new OpenApiDocument(),
                new SystemInfoApi(urls, directory),
                new UsersApi(users, projects, members, hasher, forget, audit),
                new ProjectsApi(projects, members, robots, new ProjectContents(store), forget, audit),
                new MembersApi(members, projects, users, directory, audit),
                new RobotsApi(robots, projects, hasher, forget, clock, audit),
                new AuditLogsApi(new AuditSearch(store), auditSettings.retention()),
                new SigningKeysApi(() -> keys.rotate(published::publish).kid(), audit),
                new JwksHttp(published)));
        if (settings.oidc().enabled()) {
            String audience = service + "#oidc";
            services.add(http.oidc(OidcFromConfig.provider(settings.oidc()),
                    new TokenIssuer(keys, settings.issuer(), audience, oidcTimeout, clock),
                    new TokenVerifier(published::find, settings.issuer(), audience, clock),
                    urls, users, hasher, authenticator, oidcTimeout));
        }
        this.api = new ManagementApi(new ApiGate(http.authentication(), settings.protectMetrics()), services);
    }

    private static LoginThrottle throttle(FlotillaConfig.Auth s, Clock clock) {
        ThrottlePolicy perAccount = new ThrottlePolicy(s.throttleFreeFailures(), Duration.ofMillis(s.throttleBaseDelayMs()),
                Duration.ofSeconds(s.throttleMaxDelaySeconds()), ThrottlePolicy.DEFAULT.quietPeriod());
        return new LoginThrottle(new LoginThrottle.Settings(perAccount, LoginThrottle.Settings.DEFAULT.perSource(),
                LoginThrottle.Settings.DEFAULT.maxTrackedKeys()), clock);
    }

    private static Path adminPasswordFile(FlotillaConfig config) {
        String file = config.auth().adminPasswordFile();
        return file == null || file.isBlank() ? config.storage().root().resolve("auth").resolve("admin-password")
                : Path.of(file);
    }

    /** The management API under /api/v2.0, and the filter that authenticates it. */
    ManagementApi api() {
        return api;
    }

    AuthHttp http() {
        return http;
    }

    AuditLog audit() {
        return audit;
    }

    AccessPolicy policy() {
        return policy;
    }

    Accounts accounts() {
        return accounts;
    }

    PasswordHasher hasher() {
        return hasher;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    /** Run periodically: rotates the key when it is due, and republishes (a store that was down may have missed it). */
    void maintainKeys() {
        try {
            keys.rotateIfOlderThan(Duration.ofHours(settings.keyRotationHours()), published::publish);
            published.publishOwn();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "signing-key maintenance failed; it runs again later", e);
        }
    }

    @Override
    public void close() {
        audit.close();
    }
}
