package io.demandloop.local.template;

/**
 * An {@code AWS::S3::Bucket}.
 *
 * @param logicalId  the logical id in the template
 * @param name       the physical bucket name ({@code BucketName}, else lower-case {@code <stack>-<logicalid>})
 * @param versioned  whether {@code VersioningConfiguration.Status} is {@code Enabled}
 */
public record BucketDef(String logicalId, String name, boolean versioned) {
}
