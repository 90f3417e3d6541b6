# 外卖 (takeaway), the restaurant: every new order in every city lands on its durable queue
# 'takeaway.restaurant' (binding order.created.*), waiting there while the restaurant is
# offline. It cooks one order at a time, tells everyone through the fanout exchange
# 'notifications', then acks.
# MAX_MESSAGES=n in the environment makes it exit after n orders (used by the tests).
import os

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
channel.queue_declare(queue='takeaway.restaurant', durable=True)
channel.queue_bind(exchange='orders',
                   queue='takeaway.restaurant',
                   routing_key='order.created.*')

max_messages = int(os.environ.get('MAX_MESSAGES', 0))  # 0: until CTRL+C
received = 0


def callback(ch, method, properties, body):
    global received
    city = method.routing_key.split('.')[-1]
    print(" [x] Order %s: cooking %r for %s" % (properties.message_id, body, city))
    ch.basic_publish(exchange='notifications',
                     routing_key='',
                     body="order %s: accepted by the restaurant" % properties.message_id)
    ch.basic_ack(delivery_tag=method.delivery_tag)
    received += 1
    if received == max_messages:
        ch.stop_consuming()


channel.basic_qos(prefetch_count=1)
channel.basic_consume(queue='takeaway.restaurant',
                      auto_ack=False,
                      on_message_callback=callback)
print(' [*] Waiting for orders. To exit press CTRL+C')
channel.start_consuming()
connection.close()
