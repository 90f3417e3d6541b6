# Routing, a subscriber: binds its queue to 'logs2' once per severity given on the command line.
#   python3 receive_logs_direct.py [info] [warning] [error]
# MAX_MESSAGES=n in the environment makes it exit after n messages (used by the tests).
import os
import sys

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(
    host=os.environ.get('AMQP_HOST', 'localhost'),
    port=int(os.environ.get('AMQP_PORT', 5672))))
channel = connection.channel()
channel.exchange_declare(exchange='logs2',
                         exchange_type='direct')
result = channel.queue_declare("", exclusive=True)
queue_name = result.method.queue

severities = sys.argv[1:]
if not severities:
    sys.stderr.write("Usage: %s [info] [warning] [error]\n" % sys.argv[0])
    sys.exit(1)

for severity in severities:
    channel.queue_bind(exchange='logs2',
                       queue=queue_name,
                       routing_key=severity)
print(' [*] Waiting for logs. To exit press CTRL+C')

max_messages = int(os.environ.get('MAX_MESSAGES', 0))  # 0: until CTRL+C
received = 0


def callback(ch, method, properties, body):
    global received
    print(" [x] %r" % body)
    received += 1
    if received == max_messages:
        ch.stop_consuming()


channel.basic_consume(queue=queue_name,
                      auto_ack=True,
                      on_message_callback=callback)
channel.start_consuming()
connection.close()
