# 外卖 (takeaway), the Jakarta EE version's pika side (examples-ee: takeaway.war in WildFly with the
# FerryMQ resource adapter). The application uses the broker's standard exchanges, so this needs
# no declarations of its own:
#   python3 takeaway_ee.py order [city] [dish]   place an order as a pika program (amq.topic, order.created.<city>)
#   python3 takeaway_ee.py watch                  print every status notification (amq.fanout)
# MAX_MESSAGES=n makes "watch" exit after n notifications (used by the tests).
import os
import sys
import uuid

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(
    host=os.environ.get('AMQP_HOST', 'localhost'),
    port=int(os.environ.get('AMQP_PORT', 5672))))
channel = connection.channel()
mode = sys.argv[1] if len(sys.argv) > 1 else 'watch'

if mode == 'order':
    city = sys.argv[2] if len(sys.argv) > 2 else 'beijing'
    dish = ' '.join(sys.argv[3:]) or 'kung pao chicken'
    order_id = uuid.uuid4().hex[:8]
    channel.basic_publish(exchange='amq.topic',
                          routing_key='order.created.' + city,
                          body=dish.encode(),
                          properties=pika.BasicProperties(message_id=order_id,
                                                          content_type='text/plain',
                                                          delivery_mode=2))
    print(" [x] Placed order %s: %r in %s" % (order_id, dish, city), flush=True)
else:
    queue_name = channel.queue_declare('', exclusive=True).method.queue
    channel.queue_bind(exchange='amq.fanout', queue=queue_name)
    max_messages = int(os.environ.get('MAX_MESSAGES', 0))  # 0: until CTRL+C
    received = 0

    def callback(ch, method, properties, body):
        global received
        print(" [x] %s" % body.decode(), flush=True)
        received += 1
        if received == max_messages:
            ch.stop_consuming()

    channel.basic_consume(queue=queue_name, auto_ack=True, on_message_callback=callback)
    print(' [*] Waiting for notifications. To exit press CTRL+C', flush=True)
    channel.start_consuming()
connection.close()
