/**
 * DynamoDB Local and S3Proxy as child JVMs of the local stack, on loopback ports, plus the SDK settings that point
 * unmodified AWS SDK v2 clients at them.
 *
 * <p>The servers run from the jars that {@code local/dynamodb-local} and {@code local/s3proxy} copy into their
 * {@code target} folders, each in a JVM of its own, so that their dependencies (AWS SDK v1, other Jackson, Jetty
 * and SDK v2 versions) never meet ours. A child dies with its parent, even after {@code kill -9}: see
 * {@link io.demandloop.local.servers.ChildProcessMain}.
 */
package io.demandloop.local.servers;
