#!/usr/bin/env bash
# Removes what ferrymq-payara-install.sh created (undeploy applications using it first).
# ASADMIN as for the install script; FERRYMQ_QUEUES / FERRYMQ_TOPICS as given to it.
set -uo pipefail
ASADMIN=${ASADMIN:-asadmin}
for q in ${FERRYMQ_QUEUES:-}; do $ASADMIN delete-admin-object "jms/ferrymq/queue/$q"; done
for t in ${FERRYMQ_TOPICS:-}; do $ASADMIN delete-admin-object "jms/ferrymq/topic/$t"; done
$ASADMIN delete-connector-resource jms/ferrymq/CF
$ASADMIN delete-connector-connection-pool ferrymq-pool
$ASADMIN undeploy --cascade=true ferrymq-ra
# --cascade removes the adapter's config too; delete it only if it is still there
if $ASADMIN list-resource-adapter-configs 2>/dev/null | grep -qx ferrymq-ra; then
    $ASADMIN delete-resource-adapter-config ferrymq-ra
fi
echo "FerryMQ uninstalled"
