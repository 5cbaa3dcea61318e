<#ftl output_format="plainText">
<#if link??>
${msg("apiTokenIdleDisabledBody", tokenName, tokenKey, disabledAt, disableAfterDays, link)}
<#else>
${msg("apiTokenIdleDisabledBodyNoLink", tokenName, tokenKey, disabledAt, disableAfterDays)}
</#if>
