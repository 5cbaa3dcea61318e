<#ftl output_format="plainText">
<#if link??>
${msg("apiTokenExpiryBody", tokenName, tokenKey, expiresAt, daysLeft, link)}
<#else>
${msg("apiTokenExpiryBodyNoLink", tokenName, tokenKey, expiresAt, daysLeft)}
</#if>
