package io.github.kcpat.policy;

/** A request that breaks the realm's token policy; its message says which rule and is safe to show. */
public final class PolicyViolation extends RuntimeException {

    public PolicyViolation(String message) {
        super(message, null, false, false);
    }
}
