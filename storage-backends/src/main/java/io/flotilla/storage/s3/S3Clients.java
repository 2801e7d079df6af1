package io.flotilla.storage.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the one synchronous SDK client a store uses, from its settings and nothing else (no profile, no env). */
final class S3Clients {
    private S3Clients() {
    }

    static S3Client build(S3Settings settings) {
        return S3Client.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .forcePathStyle(settings.pathStyle())
                // Over plain HTTP the SDK signs the payload. With aws-chunked signing (its default) RGW 16
                // rejects an empty object with XAmzContentSHA256Mismatch; a whole-payload SHA-256 works for
                // every size. It reads each spooled part twice (hash, then send), both from RAM or page cache.
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
                // SDK 2.30+ adds CRC checksums to every upload by default; RGW (16.x) and other S3 servers
                // answer 400 to them. WHEN_REQUIRED keeps them to the operations whose API demands one.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.socketTimeout())
                        .connectionAcquisitionTimeout(settings.requestTimeout())
                        .maxConnections(settings.maxConnections()))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(settings.maxAttempts())))
                .build();
    }
}
