# Routing, the producer: a direct exchange delivers to the queues bound with exactly this key.
#   python3 emit_log_direct.py [info|warning|error] [message]
import os
import sys

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(
    host=os.environ.get('AMQP_HOST', 'localhost'),
    port=int(os.environ.get('AMQP_PORT', 5672))))
channel = connection.channel()
channel.exchange_declare(exchange='logs2',
                         exchange_type='direct')
severity = sys.argv[1] if len(sys.argv) > 1 else 'info'
message = ' '.join(sys.argv[2:]) or "%s: Hello Yuan!" % severity
channel.basic_publish(exchange='logs2',
                      routing_key=severity,
                      body=message)
print(" [x] Sent %r" % message)
connection.close()
