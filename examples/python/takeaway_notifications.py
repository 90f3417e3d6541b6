# 外卖 (takeaway), a notification channel (the customer's app, SMS, ...): its own server-named
# exclusive queue bound to the fanout exchange 'notifications' gets every status update.
#   python3 takeaway_notifications.py [name]
# MAX_MESSAGES=n in the environment makes it exit after n messages (used by the tests).
import os
import sys

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(
    host=os.environ.get('AMQP_HOST', 'localhost'),
    port=int(os.environ.get('AMQP_PORT', 5672))))
channel = connection.channel()
channel.exchange_declare(exchange='notifications',
                         exchange_type='fanout',
                         durable=True)
result = channel.queue_declare("", exclusive=True)
queue_name = result.method.queue
channel.queue_bind(exchange='notifications',
                   queue=queue_name)

name = sys.argv[1] if len(sys.argv) > 1 else 'app'
max_messages = int(os.environ.get('MAX_MESSAGES', 0))  # 0: until CTRL+C
received = 0


def callback(ch, method, properties, body):
    global received
    print(" [x] %s: %r" % (name, body))
    received += 1
    if received == max_messages:
        ch.stop_consuming()


channel.basic_consume(queue=queue_name,
                      auto_ack=True,
                      on_message_callback=callback)
print(' [*] %s waiting for notifications. To exit press CTRL+C' % name)
channel.start_consuming()
connection.close()
