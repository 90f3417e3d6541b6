# Topics, the producer: a topic exchange matches the routing key word by word against patterns.
#   python3 emit_log_topic.py [routing.key] [message]
import os
import sys

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(
    host=os.environ.get('AMQP_HOST', 'localhost'),
    port=int(os.environ.get('AMQP_PORT', 5672))))
channel = connection.channel()
channel.exchange_declare(exchange='logs3',
                         exchange_type='topic')
routing_key = sys.argv[1] if len(sys.argv) > 1 else 'europe.weather'
message = ' '.join(sys.argv[2:]) or "info: Hello ERU!"
channel.basic_publish(exchange='logs3',
                      routing_key=routing_key,
                      body=message)
print(" [x] Sent %r" % message)
connection.close()
