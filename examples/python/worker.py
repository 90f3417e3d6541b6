# Work queue, the consumer: acks each task by hand once it is done, and takes one task at a
# time (basic_qos(prefetch_count=1)), so a fast worker gets more tasks than a slow one.
#   python3 worker.py [seconds per task, default 1]
# MAX_MESSAGES=n in the environment makes it exit after n tasks (used by the tests).
import os
import sys
import time

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(
    host=os.environ.get('AMQP_HOST', 'localhost'),
    port=int(os.environ.get('AMQP_PORT', 5672))))
channel = connection.channel()
channel.queue_declare(queue='hello2', durable=True)

seconds_per_task = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
max_messages = int(os.environ.get('MAX_MESSAGES', 0))  # 0: until CTRL+C
received = 0


def callback(ch, method, properties, body):
    global received
    print(" [x] Received %r (redelivered=%s)" % (body, method.redelivered))
    time.sleep(seconds_per_task)
    print(" [x] Done")
    ch.basic_ack(delivery_tag=method.delivery_tag)
    received += 1
    if received == max_messages:
        ch.stop_consuming()


# 先关闭自动应答ack,改成手动应答,即auto_ack=False ; ch.basic_ack(delivery_tag=method.delivery_tag)
channel.basic_qos(prefetch_count=1)
channel.basic_consume(queue='hello2',
                      auto_ack=False,
                      on_message_callback=callback)
print(' [*] Waiting for messages. To exit press CTRL+C')
channel.start_consuming()
connection.close()
