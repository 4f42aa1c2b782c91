package io.demandloop.local.template;

/**
 * An {@code AWS::SecretsManager::Secret}.
 *
 * @param logicalId the logical id in the template
 * @param name      the local name, which {@code !Ref} also returns
 */
public record SecretDef(String logicalId, String name) {
}
