package io.demandloop.shared.secrets;

import java.util.List;

/** Port: the shared secrets each webhook source is verified with. */
public interface SecretProvider {

    /**
     * The secrets configured for a source: several while one is being rotated, empty when none is configured
     * (then every delivery of that source is refused).
     */
    List<String> secretsFor(String source);
}
