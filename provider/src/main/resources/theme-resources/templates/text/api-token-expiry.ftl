<#ftl output_format="plainText">
${msg("apiTokenExpiryBody", tokenName, tokenKey, expiresAt, daysLeft, link)}
