# Work queue, the producer: every argument becomes one task on the durable queue 'hello2',
# published as a persistent message (delivery_mode=2).
#   python3 new_task.py "task 1" "task 2" ...
import os
import sys

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(
    host=os.environ.get('AMQP_HOST', 'localhost'),
    port=int(os.environ.get('AMQP_PORT', 5672))))
channel = connection.channel()
# 声明queue
channel.queue_declare(queue='hello2', durable=True)  # 若声明过,则换一个名字

messages = sys.argv[1:] or ['Hello World!']
for message in messages:
    channel.basic_publish(exchange='',
                          routing_key='hello2',
                          body=message,
                          properties=pika.BasicProperties(
                              delivery_mode=2,  # make message persistent
                          ))
    print(" [x] Sent %r" % message)
connection.close()
