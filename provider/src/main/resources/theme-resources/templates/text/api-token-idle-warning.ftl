<#ftl output_format="plainText">
<#if link??>
${msg("apiTokenIdleWarningBody", tokenName, tokenKey, unusedDays, disableAfterDays, disableAt, link)}
<#else>
${msg("apiTokenIdleWarningBodyNoLink", tokenName, tokenKey, unusedDays, disableAfterDays, disableAt)}
</#if>
