# 外卖 (takeaway), the customer's app: places an order. The order goes to the topic exchange
# 'orders' with the routing key order.created.<city>; the order id travels as message_id.
#   python3 takeaway_order.py [city] [dish]
import os
import sys
import uuid

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(
    host=os.environ.get('AMQP_HOST', 'localhost'),
    port=int(os.environ.get('AMQP_PORT', 5672))))
channel = connection.channel()
channel.exchange_declare(exchange='orders',
                         exchange_type='topic',
                         durable=True)

city = sys.argv[1] if len(sys.argv) > 1 else 'beijing'
dish = ' '.join(sys.argv[2:]) or 'kung pao chicken'
order_id = uuid.uuid4().hex[:8]
channel.basic_publish(exchange='orders',
                      routing_key='order.created.' + city,
                      body=dish,
                      properties=pika.BasicProperties(
                          message_id=order_id,
                          delivery_mode=2,  # an order must survive a broker restart
                      ))
print(" [x] Placed order %s: %r in %s" % (order_id, dish, city))
connection.close()
