<#ftl output_format="plainText">
${msg("apiTokenAdminCreatedBody", tokenName, tokenKey, adminUsername, adminRealm, expiresAt!msg("apiTokenNoExpiry"))}
