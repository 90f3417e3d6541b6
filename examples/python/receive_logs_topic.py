# Topics, a subscriber: binds its queue to 'logs3' with each pattern given on the command line
# ('*' is exactly one word, '#' is zero or more words); the default is "#.news".
#   python3 receive_logs_topic.py ["#.news"] ["*.weather"] ["europe.#"]
# MAX_MESSAGES=n in the environment makes it exit after n messages (used by the tests).
import os
import sys

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(
    host=os.environ.get('AMQP_HOST', 'localhost'),
    port=int(os.environ.get('AMQP_PORT', 5672))))
channel = connection.channel()
channel.exchange_declare(exchange='logs3',
                         exchange_type='topic')
result = channel.queue_declare("", exclusive=True)
queue_name = result.method.queue
binding_keys = sys.argv[1:] or ["#.news"]
for binding_key in binding_keys:
    channel.queue_bind(exchange='logs3',
                       queue=queue_name,
                       routing_key=binding_key)
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
