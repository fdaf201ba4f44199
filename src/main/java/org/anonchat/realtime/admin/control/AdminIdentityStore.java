package org.anonchat.realtime.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** Jakarta Security identity store of the one admin account: its callers are in the {@code admin} group. */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

  public static final String ADMIN_ROLE = "admin";

  @Inject
  AdminCredentials credentials;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential up)) return CredentialValidationResult.NOT_VALIDATED_RESULT;
    if (!credentials.matches(up.getCaller(), up.getPassword().getValue())) return CredentialValidationResult.INVALID_RESULT;
    return new CredentialValidationResult(up.getCaller(), Set.of(ADMIN_ROLE));
  }
}
