# A reward worker (pika): takes quest jobs from the durable work queue game.rewards one at a
# time (prefetch 1, manual ack, competing with the other workers) and sends the reward to the
# job's reply_to with its correlation_id. The reply and the ack are one transaction: a worker
# that dies before tx_commit sent nothing, and the job goes to another worker, so every quest
# is rewarded exactly once.
#
#   /usr/bin/python3 game/rewards.py
#
# GAME_CRASH_BEFORE_COMMIT=1 makes it die before committing its first job (the tutorial's
# crashing worker: watch the job go to another worker, redelivered).
import os

import pika

import rules

crash = os.environ.get('GAME_CRASH_BEFORE_COMMIT') == '1'
connection = pika.BlockingConnection(rules.amqp_parameters())
channel = connection.channel()
rules.declare_exchanges(channel)
channel.tx_select()
channel.basic_qos(prefetch_count=1)


def on_job(ch, method, properties, body):
    try:
        reward = rules.grant(body)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        ch.basic_reject(delivery_tag=method.delivery_tag, requeue=False)  # a bad job is dropped
        ch.tx_commit()
        return
    if properties.reply_to:
        ch.basic_publish('', properties.reply_to, rules.dumps(reward),
                         pika.BasicProperties(content_type='application/json',
                                              correlation_id=properties.correlation_id))
    ch.basic_ack(delivery_tag=method.delivery_tag)
    if crash:
        print(' [!] crashing before the commit of quest %s' % reward['quest'], flush=True)
        os._exit(3)
    ch.tx_commit()
    print(' [x] %s gets a %s for quest %s%s' % (reward['player'], reward['item'], reward['quest'],
                                               ' (redelivered)' if method.redelivered else ''), flush=True)


channel.basic_consume(queue=rules.REWARDS_QUEUE, on_message_callback=on_job)
print(' [*] Reward worker (pika) waiting for quests. To exit press CTRL+C', flush=True)
try:
    channel.start_consuming()
except KeyboardInterrupt:
    connection.close()
