# Hello world, the consumer: prints what arrives on the queue 'hello' (auto_ack).
# MAX_MESSAGES=n in the environment makes it exit after n messages (used by the tests).
import os

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(
    host=os.environ.get('AMQP_HOST', 'localhost'),
    port=int(os.environ.get('AMQP_PORT', 5672))))
channel = connection.channel()
channel.queue_declare(queue='hello')

max_messages = int(os.environ.get('MAX_MESSAGES', 0))  # 0: until CTRL+C
received = 0


def callback(ch, method, properties, body):
    global received
    print(" [x] Received %r" % body)
    received += 1
    if received == max_messages:
        ch.stop_consuming()


channel.basic_consume(queue='hello',
                      auto_ack=True,
                      on_message_callback=callback)
print(' [*] Waiting for messages. To exit press CTRL+C')
channel.start_consuming()
connection.close()
