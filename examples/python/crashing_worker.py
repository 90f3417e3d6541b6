# Work queue, a worker that dies before it acks: the broker gives the task back to the queue
# and delivers it again, flagged redelivered=True, to the next worker (run worker.py).
import os
import sys

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(
    host=os.environ.get('AMQP_HOST', 'localhost'),
    port=int(os.environ.get('AMQP_PORT', 5672))))
channel = connection.channel()
channel.queue_declare(queue='hello2', durable=True)


def callback(ch, method, properties, body):
    print(" [x] Received %r (redelivered=%s)" % (body, method.redelivered))
    print(" [!] Crashing before the ack")
    sys.stdout.flush()
    os._exit(1)  # no ack, no clean close: like a worker that was killed


channel.basic_qos(prefetch_count=1)
channel.basic_consume(queue='hello2',
                      auto_ack=False,
                      on_message_callback=callback)
print(' [*] Waiting for messages. To exit press CTRL+C')
channel.start_consuming()
