#!/usr/bin/env bash
# Creates the Payara domain the tests run in (once: an existing domain prepared with the same port
# base is kept), with every
# port in portbase..portbase+99 (asadmin --portbase) and every listener on 127.0.0.1.
# usage: prepare-domain.sh <payara home> <domain name> <port base> [<jms-service type>]
# The jms-service type (Payara's built-in OpenMQ) is EMBEDDED (lazily started) unless given:
# DISABLED for a domain that is killed and restarted with automatic transaction recovery on (there,
# at start-up, the recovery thread starting the embedded OpenMQ and the lazy listener both bind
# its port, and Payara 6.2025.9 then shuts down with "Cannot initialise JMS broker listener").
set -euo pipefail
PAYARA_HOME=$1 DOMAIN=$2 PORTBASE=$3 JMS_TYPE=${4:-EMBEDDED}
DOMAIN_XML="$PAYARA_HOME/glassfish/domains/$DOMAIN/config/domain.xml"
# a marker file, not a comment in domain.xml: Payara rewrites domain.xml when it saves its config
PREPARED="$PAYARA_HOME/glassfish/domains/$DOMAIN/config/.ferrymq-prepared"
# what the marker says: a domain prepared by an older version of this script is prepared anew
MARK="portbase $PORTBASE, xa-servername $DOMAIN"
if [ -f "$DOMAIN_XML" ] && [ "$(cat "$PREPARED" 2>/dev/null)" = "$MARK" ]; then
    echo "Payara domain $DOMAIN already prepared"
    exit 0
fi
if [ -f "$DOMAIN_XML" ]; then
    # created but not (fully) prepared by an earlier run, or for another port base: start anew
    rm -rf "$PAYARA_HOME/glassfish/domains/$DOMAIN"
fi
if [ ! -f "$DOMAIN_XML" ]; then
    "$PAYARA_HOME/bin/asadmin" create-domain --portbase "$PORTBASE" --nopassword "$DOMAIN"
fi
# Only the DAS's own config (server-config) is used; bind everything it opens to loopback:
#  - HTTP, HTTPS and admin network listeners get address="127.0.0.1"
#  - IIOP listeners and the JMX connector (address="0.0.0.0") move to 127.0.0.1
#  - Hazelcast (the data grid every Payara runs) binds to 127.0.0.1 only
#  - the built-in OpenMQ broker (jmsra, lazily started) gets its port and host: we never use it,
#    but if something wakes it, it stays in range and on loopback
sed -i \
    -e 's#<network-listener port=#<network-listener address="127.0.0.1" port=#g' \
    -e 's#address="0.0.0.0"#address="127.0.0.1"#g' \
    -e "s#<hazelcast-runtime-configuration #<hazelcast-runtime-configuration das-bind-address=\"127.0.0.1\" interfaces=\"127.0.0.1\" #" \
    "$DOMAIN_XML"
# server-config has no <jms-service>: give it one on loopback inside the range (portbase + 76)
JMS_PORT=$((PORTBASE + 76))
sed -i -e "0,/<\/admin-service>/s##</admin-service>\n            <jms-service type=\"$JMS_TYPE\" default-jms-host=\"default_JMS_host\" addresslist-behavior=\"priority\">\n                <jms-host name=\"default_JMS_host\" host=\"127.0.0.1\" port=\"$JMS_PORT\" admin-user-name=\"admin\" admin-password=\"admin\" lazy-init=\"true\" />\n            </jms-service>#" "$DOMAIN_XML"
# The transaction manager's identity ("host,instance,P<id>", in its log and in every Xid it makes)
# is <transaction-service property xa-servername, else the host name>,<instance name>,P<ORB port,
# else 100>: "vm,server,P100" in every domain on one machine, so two domains sharing a broker would
# take each other's prepared branches for their own at recovery. Payara's JTS
# (TransactionServiceProperties, DefaultTransactionService.setServerName) takes the host part from
# xa-servername: the domain's name makes it unique here.
sed -i -e "0,/<transaction-service \(.*\) \/>/s##<transaction-service \1>\n                <property name=\"xa-servername\" value=\"$DOMAIN\" />\n            </transaction-service>#" "$DOMAIN_XML"
echo "$MARK" > "$PREPARED"
echo "Payara domain $DOMAIN prepared: ports $PORTBASE-$((PORTBASE + 99)) on 127.0.0.1"
