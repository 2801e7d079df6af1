package io.flotilla.node.http;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.flotilla.node.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.flotilla.node.http.OciTestClient.assertError;
import static io.flotilla.node.http.OciTestClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input aimed at access control: malformed and oversized credentials, forged, expired, tampered and
 * misaddressed tokens, scope-parsing tricks, and a credential-stuffing loop, each answered with a clear 4xx
 * and the OCI error envelope, never a 500, and never a change to registry content.
 */
class HostileAuthHttpTest {

    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();
    private static final String PULL = "/v2/library/hostile/manifests/v1";

    @AfterEach
    void backToAdmin() {
        oci.signInAsAdmin();
    }

    @Test
    void malformedAuthorizationHeadersAreUnauthorized() {
        List<String> headers = List.of("Basic", "Basic ", "Basic !!!not-base64!!!",
                "Basic " + b64("no-colon-here"), "Basic " + Base64.getEncoder().encodeToString(new byte[]{(byte) 0xff, ':', 'x'}),
                "Basic " + b64("admin:pass\u0001word"), "Bearer", "Bearer a b", "Bearer \u00e9t\u00e9",
                "Digest username=admin", "Negotiate abc", "basic" + "x".repeat(20_000), "Bearer " + "a".repeat(9000));
        for (String header : headers) {
            HttpResponse<byte[]> res = oci.get(PULL, "Authorization", header);
            assertTrue(res.statusCode() == 401 || res.statusCode() == 400 || res.statusCode() == 431,
                    () -> "header " + header.substring(0, Math.min(40, header.length())) + " got " + text(res));
            if (res.statusCode() == 401) {
                assertError(res, 401, "UNAUTHORIZED");
            }
        }
    }

    @Test
    void forgedTokensAreRefusedAsInvalid() throws Exception {
        ECKey nodeKey = nodeKey();
        Instant now = Instant.now();
        Map<String, String> forged = Map.of(
                "expired", sign(nodeKey, claims("flotilla-registry", now.minusSeconds(3600), now.minusSeconds(600))),
                "wrong audience", sign(nodeKey, claims("someone-else", now, now.plusSeconds(300))),
                "unknown key", sign(new ECKeyGenerator(Curve.P_256).keyID("stranger").generate(),
                        claims("flotilla-registry", now, now.plusSeconds(300))),
                "alg none", unsigned(claims("flotilla-registry", now, now.plusSeconds(300))),
                "tampered", tamper(sign(nodeKey, claims("flotilla-registry", now, now.plusSeconds(300)))),
                "garbage", "eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
        forged.forEach((what, token) -> {
            HttpResponse<byte[]> res = oci.get(PULL, "Authorization", "Bearer " + token);
            assertError(res, 401, "UNAUTHORIZED");
            assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""),
                    what + ": " + res.headers().map());
        });
        // The same claims, properly signed and current, do work: the refusals above are about the forgery.
        HttpResponse<byte[]> honest = oci.get("/v2/library/hostile/tags/list",
                "Authorization", "Bearer " + sign(nodeKey, claims("flotilla-registry", now, now.plusSeconds(300))));
        assertTrue(honest.statusCode() == 404 || honest.statusCode() == 200, text(honest));
    }

    @Test
    void scopeTricksAreRefusedWithoutAToken() {
        List<String> scopes = List.of("repository:localhost:5000/app:pull", "repository:library/app", "repository::pull",
                "repository:library/app:pull,", "repository:library/app:fly", "registry:other:*",
                "repository:Library/App:pull", "repository:library/app:pull%00push", "tags:library/app:pull",
                "repository:" + "a/".repeat(300) + "b:pull");
        for (String scope : scopes) {
            HttpResponse<byte[]> res = oci.get("/service/token?service=flotilla-registry&scope="
                    + java.net.URLEncoder.encode(scope, StandardCharsets.UTF_8));
            assertEquals(400, res.statusCode(), () -> scope + ": " + text(res));
        }
        String many = Stream.generate(() -> "scope=repository:library/a:pull").limit(40)
                .reduce((a, b) -> a + "&" + b).orElseThrow();
        assertEquals(400, oci.get("/service/token?" + many).statusCode());
        assertEquals(400, oci.get("/service/token?service=another-service").statusCode());
    }

    @Test
    void credentialStuffingMeetsTheBackoff() {
        // The admin's own client signs in first, as it would have before an attacker started guessing.
        assertEquals(200, oci.get("/v2/", "Authorization", oci.node().adminAuthorization()).statusCode());
        int status = 0;
        int attempts = 0;
        while (status != 429 && attempts < 20) {
            attempts++;
            status = oci.get(PULL, "Authorization", TestNode.basic("admin", "guess-" + attempts)).statusCode();
        }
        assertEquals(429, status, "20 wrong passwords never met the backoff");
        assertEquals(6, attempts, "five failures are free, the sixth attempt waits");
        HttpResponse<byte[]> throttled = oci.get(PULL, "Authorization", TestNode.basic("admin", "one-more"));
        assertError(throttled, 429, "TOOMANYREQUESTS");
        assertTrue(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        // A credential already proven on this node still works: the backoff guards the password check (and the
        // directory behind it), so an attacker's loop does not lock the real client out.
        assertEquals(200, oci.get("/v2/", "Authorization", oci.node().adminAuthorization()).statusCode());
    }

    private static JWTClaimsSet claims(String audience, Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder().issuer("flotilla").subject("admin").audience(audience)
                .issueTime(Date.from(issued)).notBeforeTime(Date.from(issued)).expirationTime(Date.from(expires))
                .claim("access", List.of(Map.of("type", "repository", "name", "library/hostile",
                        "actions", List.of("pull"))))
                .build();
    }

    private static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static String unsigned(JWTClaimsSet claims) {
        return b64url("{\"alg\":\"none\"}") + "." + b64url(claims.toString()) + ".";
    }

    /** Grants itself push by rewriting the payload and keeping the signature. */
    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("[\"pull\"]", "[\"pull\",\"push\"]");
        return parts[0] + "." + b64url(payload) + "." + parts[2];
    }

    /** The node's own private signing key, read from its data directory as only its owner could. */
    private static ECKey nodeKey() throws Exception {
        Path dir = oci.node().dataDir().resolve("auth").resolve("signing-keys");
        try (Stream<Path> files = Files.list(dir)) {
            Path file = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
            Map<String, Object> json = JSONObjectUtils.parse(Files.readString(file));
            return ECKey.parse(JSONObjectUtils.getJSONObject(json, "key"));
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
