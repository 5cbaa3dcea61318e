package io.github.kcpat.service;

import io.github.kcpat.credential.ApiTokenCredentialModel;

/** Where the service reports each change: user events for the owner's own changes, admin events for an admin's. */
@FunctionalInterface
public interface TokenChanges {

    enum Action {
        CREATED, UPDATED, ROTATED, DELETED
    }

    void record(Action action, ApiTokenCredentialModel token);
}
