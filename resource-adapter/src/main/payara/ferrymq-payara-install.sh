#!/usr/bin/env bash
# Installs the FerryMQ resource adapter into a running Payara 6 domain, ready for MDBs and
# pooled sending. Copy it, or run it as is; everything is set by environment variables:
#
#   FERRYMQ_RAR                 the .rar (required), e.g. ferrymq-ra-0.1.0.rar
#   FERRYMQ_BROKER_URI          the broker, default amqp://guest:guest@127.0.0.1:5672
#                               (amqps://..., vm://..., several host:port for a RabbitMQ cluster)
#   FERRYMQ_EMBEDDED=true       run a FerryMQ broker inside Payara instead (FERRYMQ_BROKER_URI unused)
#     FERRYMQ_EMBEDDED_AMQP_PORT  its AMQP port for pika and other clients (default: a free port, logged)
#     FERRYMQ_EMBEDDED_DATA_DIR   its data directory (default <domain>/data/ferrymq)
#   FERRYMQ_QUEUES, FERRYMQ_TOPICS  space-separated names bound as jms/ferrymq/queue/<name>, jms/ferrymq/topic/<name>
#   FERRYMQ_TX                  LocalTransaction (default), NoTransaction or XATransaction
#                               (XATransaction also turns on the transaction service's automatic
#                               recovery, effective at the next restart: see step 5)
#   FERRYMQ_MAX_POOL            most pooled connections (default 30)
#   ASADMIN                     the asadmin command (default: asadmin on the PATH); asadmin reads
#                               AS_ADMIN_HOST, AS_ADMIN_PORT, AS_ADMIN_USER, AS_ADMIN_PASSWORDFILE
#
# What it creates (the names MDBs and applications use):
#   ferrymq-ra              the adapter (MDBs bind to it: activation property resourceAdapter=ferrymq-ra
#                           or <resource-adapter-mid>ferrymq-ra</resource-adapter-mid> in glassfish-ejb-jar.xml)
#   jms/ferrymq/CF          the pooled jakarta.jms.ConnectionFactory (pool ferrymq-pool)
#   jms/ferrymq/queue/*, jms/ferrymq/topic/*  administered destinations
set -euo pipefail
: "${FERRYMQ_RAR:?set FERRYMQ_RAR to the ferrymq-ra-<version>.rar to deploy}"
ASADMIN=${ASADMIN:-asadmin}
TX=${FERRYMQ_TX:-LocalTransaction}
MAX_POOL=${FERRYMQ_MAX_POOL:-30}

# asadmin's --property takes name=value pairs separated by ':'; a value's ':' and '=' are escaped
esc() { local v=${1//\\/\\\\}; v=${v//:/\\:}; v=${v//=/\\=}; printf '%s' "$v"; }

# 1. the adapter's properties, before the deployment so the adapter starts with them
if [ "${FERRYMQ_EMBEDDED:-false}" = "true" ]; then
    props="EmbeddedBroker=true"
    [ -n "${FERRYMQ_EMBEDDED_AMQP_PORT:-}" ] && props="$props:EmbeddedAmqpPort=$FERRYMQ_EMBEDDED_AMQP_PORT"
    [ -n "${FERRYMQ_EMBEDDED_DATA_DIR:-}" ] && props="$props:EmbeddedDataDir=$(esc "$FERRYMQ_EMBEDDED_DATA_DIR")"
else
    props="BrokerURI=$(esc "${FERRYMQ_BROKER_URI:-amqp://guest:guest@127.0.0.1:5672}")"
fi
$ASADMIN create-resource-adapter-config --property "$props" ferrymq-ra

# 2. the adapter itself, as module ferrymq-ra
$ASADMIN deploy --name ferrymq-ra "$FERRYMQ_RAR"

# 3. the pooled connection factory
$ASADMIN create-connector-connection-pool --raname ferrymq-ra \
    --connectiondefinition jakarta.jms.ConnectionFactory --transactionsupport "$TX" \
    --steadypoolsize 0 --maxpoolsize "$MAX_POOL" --ping false \
    --property "TransactionSupportLevel=$TX" ferrymq-pool
# (the factory's own TransactionSupportLevel too: Payara asks the factory, which otherwise offers
#  XA whenever the provider has it, and RabbitMQ has none)
$ASADMIN create-connector-resource --poolname ferrymq-pool jms/ferrymq/CF

# 4. administered destinations (property Name: the destination in FerryMQ's naming scheme)
for q in ${FERRYMQ_QUEUES:-}; do
    $ASADMIN create-admin-object --raname ferrymq-ra --restype jakarta.jms.Queue --property "Name=$(esc "$q")" "jms/ferrymq/queue/$q"
done
for t in ${FERRYMQ_TOPICS:-}; do
    $ASADMIN create-admin-object --raname ferrymq-ra --restype jakarta.jms.Topic --property "Name=$(esc "$t")" "jms/ferrymq/topic/$t"
done
# 5. XA: after a crash, Payara recovers in-doubt transactions only when it starts with
#    automatic-recovery on (off by default); it then lists the prepared branches of every XA
#    resource it knows, this adapter's pool and, through the adapter's getXAResources, every
#    deployed MDB's activation, and commits or rolls them back from its transaction log
if [ "$TX" = "XATransaction" ]; then
    $ASADMIN set configs.config.server-config.transaction-service.automatic-recovery=true
    echo "automatic transaction recovery on: restart the domain once for it to take effect"
fi
echo "FerryMQ installed: adapter ferrymq-ra, jms/ferrymq/CF${FERRYMQ_QUEUES:+, queues: $FERRYMQ_QUEUES}${FERRYMQ_TOPICS:+, topics: $FERRYMQ_TOPICS}"
