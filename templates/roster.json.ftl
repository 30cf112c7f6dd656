<#--
  /opt/littlehub/state/roster.json (root 0600): the config's roster for the running hub (littlehub_roster.py reads
  it at start and again at a sign-in after it changed). Not jupyterhub_config.py, so a roster change restarts nothing.
  Data model: allowed, admins, banned (lists of user names, already checked against the schema's username pattern).
-->
<#setting c_format="JSON">
{"allowed": [<#list allowed as x>${x?c}<#sep>, </#list>], "admins": [<#list admins as x>${x?c}<#sep>, </#list>], "banned": [<#list banned as x>${x?c}<#sep>, </#list>]}
