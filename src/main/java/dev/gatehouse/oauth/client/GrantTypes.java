package dev.gatehouse.oauth.client;

import dev.gatehouse.oauth.protocol.SupportedGrant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.TreeSet;

/** The grant types this server implements: one per grant handler bean, nothing listed by hand. */
@ApplicationScoped
public class GrantTypes {

    private final Set<String> names;

    @Inject
    public GrantTypes(Instance<SupportedGrant> grants) {
        this(grants.stream().map(SupportedGrant::grantType).toList());
    }

    private GrantTypes(java.util.Collection<String> names) {
        this.names = Set.copyOf(new TreeSet<>(names));
    }

    /** A fixed set, for code that runs without CDI (unit tests of the metadata rules). */
    public static GrantTypes of(String... names) {
        return new GrantTypes(java.util.List.of(names));
    }

    /** Every supported {@code grant_type}, in a stable order for documents. */
    public Set<String> names() {
        return names;
    }

    /** The same, sorted, for metadata documents. */
    public java.util.List<String> sorted() {
        return names.stream().sorted().toList();
    }
}
