package io.github.kcpat.credential;

public enum TokenState {
    ACTIVE, DISABLED
}
