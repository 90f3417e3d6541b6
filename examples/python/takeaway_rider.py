# 外卖 (takeaway), the riders of one city: the durable queue 'takeaway.rider.<city>' gets only
# that city's orders (binding order.created.<city>). A rider picks an order up, tells everyone
# through the fanout exchange 'notifications', then acks.
#   python3 takeaway_rider.py [city]
# MAX_MESSAGES=n in the environment makes it exit after n orders (used by the tests).
import os
import sys

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(
    host=os.environ.get('AMQP_HOST', 'localhost'),
    port=int(os.environ.get('AMQP_PORT', 5672))))
channel = connection.channel()
channel.exchange_declare(exchange='orders',
                         exchange_type='topic',
                         durable=True)
channel.exchange_declare(exchange='notifications',
                         exchange_type='fanout',
                         durable=True)

city = sys.argv[1] if len(sys.argv) > 1 else 'beijing'
queue_name = 'takeaway.rider.' + city
channel.queue_declare(queue=queue_name, durable=True)
channel.queue_bind(exchange='orders',
                   queue=queue_name,
                   routing_key='order.created.' + city)

max_messages = int(os.environ.get('MAX_MESSAGES', 0))  # 0: until CTRL+C
received = 0


def callback(ch, method, properties, body):
    global received
    print(" [x] Order %s: picking up %r in %s" % (properties.message_id, body, city))
    ch.basic_publish(exchange='notifications',
                     routing_key='',
                     body="order %s: a rider is on the way" % properties.message_id)
    ch.basic_ack(delivery_tag=method.delivery_tag)
    received += 1
    if received == max_messages:
        ch.stop_consuming()


channel.basic_qos(prefetch_count=1)
channel.basic_consume(queue=queue_name,
                      auto_ack=False,
                      on_message_callback=callback)
print(' [*] Waiting for orders in %s. To exit press CTRL+C' % city)
channel.start_consuming()
connection.close()
