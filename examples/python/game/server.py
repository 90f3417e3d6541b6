# The game server (pika): plays the rooms whose queues it is the active consumer of.
#
# Every room has a durable queue game.room.<id> with x-single-active-consumer: all servers
# subscribe to every room, the broker lets one of them (the first) receive, the others wait.
# When that server dies, the next one becomes active and starts from the room's last snapshot.
# Each action is handled in one AMQP transaction: the state update to game.state, the sender's
# snapshot or error, a reward job, the room's new snapshot and the ack of the action are
# committed together, so an action is either fully done or handed, unacked, to the next server.
#
#   /usr/bin/python3 game/server.py [--primary 1,3] [--prefetch 50] [--standby-delay 1.0]
#
# --primary: rooms to subscribe to at once; the others after --standby-delay seconds, so servers
# started together share the rooms. GAME_ROOMS (default 4) rooms in all.
import argparse
import json

import pika

import rules

parser = argparse.ArgumentParser()
parser.add_argument('--primary', default=None, help='rooms to own first, e.g. 1,3 (default: all)')
parser.add_argument('--prefetch', type=int, default=50)
parser.add_argument('--standby-delay', type=float, default=1.0)
args = parser.parse_args()

rooms = [str(r) for r in range(1, rules.room_count() + 1)]
primary = args.primary.split(',') if args.primary else rooms

connection = pika.BlockingConnection(rules.amqp_parameters())
channel = connection.channel()
rules.declare(channel, len(rooms))
peek = connection.channel()  # reads snapshots outside the transaction
channel.tx_select()
channel.basic_qos(prefetch_count=args.prefetch)

playing = {}  # room id -> rules.Room, for the rooms this server is active on
JSON = pika.BasicProperties(content_type='application/json', delivery_mode=1)


def reply(correlation_id):
    return pika.BasicProperties(content_type='application/json', correlation_id=correlation_id)


def load(room_id):
    """The room as its last owner committed it: get its snapshot and put it straight back."""
    method, _, body = peek.basic_get(rules.snapshot_queue(room_id), auto_ack=False)
    if method is None:
        return rules.Room(room_id)
    peek.basic_reject(method.delivery_tag, requeue=True)
    return rules.Room(room_id, json.loads(body.decode('utf-8')))


def on_action(ch, method, properties, body):
    reply_to = properties.reply_to
    correlation_id = properties.correlation_id or properties.message_id  # an RPC's, else the action's id
    action_seq = 0
    room_id = rules.room_of(method.routing_key)
    try:
        if method.consumer_tag == unknown_tag:
            raise rules.GameError('unknown-room' if room_id else 'malformed',
                                  "there is no room '%s'" % room_id if room_id else
                                  "routing key must be room.<id>.action.<kind>, was '%s'" % method.routing_key)
        room_id, kind, action = rules.parse_action(method.routing_key, body)
        action_seq = action['seq']
        room = playing.get(room_id)
        if room is None:
            room = playing[room_id] = load(room_id)
            print(' [x] room %s: now played here, from seq %d' % (room_id, room.seq), flush=True)
        if kind == rules.LEADERBOARD:  # an RPC (e.g. over direct reply-to): answer, change nothing
            if reply_to:
                ch.basic_publish('', reply_to, rules.dumps(room.leaderboard()), reply(correlation_id))
            ch.basic_ack(delivery_tag=method.delivery_tag)
            ch.tx_commit()
            return
        try:
            event, quest, snapshot_for_sender = room.apply(kind, action)
        except rules.GameError:
            raise
        except Exception:
            del playing[room_id]  # half-applied: read it again from the last snapshot
            raise
        ch.basic_publish(rules.STATE_EXCHANGE, rules.state_key(room_id), rules.dumps(room.state_update(event)), JSON)
        if snapshot_for_sender and reply_to:
            ch.basic_publish('', reply_to, rules.dumps(room.to_json('snapshot')), reply(correlation_id))
        if quest and reply_to:
            ch.basic_publish('', rules.REWARDS_QUEUE, rules.dumps(quest),
                             pika.BasicProperties(content_type='application/json', delivery_mode=2,
                                                  reply_to=reply_to, correlation_id=quest['quest']))
        ch.basic_publish('', rules.snapshot_queue(room_id), rules.dumps(room.to_json('snapshot')), JSON)
    except rules.GameError as error:
        print(' [!] %s: %s: %s' % (method.routing_key, error.code, error), flush=True)
        if reply_to:
            ch.basic_publish('', reply_to, rules.dumps(rules.error_message(room_id, error, action_seq)),
                             reply(correlation_id))
    except Exception as bug:  # never stop serving
        print(' [!] %s: internal error: %r' % (method.routing_key, bug), flush=True)
        if reply_to:
            error = rules.GameError('internal', repr(bug))
            ch.basic_publish('', reply_to, rules.dumps(rules.error_message(room_id, error, action_seq)),
                             reply(correlation_id))
    ch.basic_ack(delivery_tag=method.delivery_tag)
    ch.tx_commit()


def subscribe(room_ids):
    for room_id in room_ids:
        channel.basic_consume(queue=rules.room_queue(room_id), on_message_callback=on_action)


unknown_tag = channel.basic_consume(queue=rules.UNKNOWN_ROOM_QUEUE, on_message_callback=on_action)
subscribe(primary)
standby = [r for r in rooms if r not in primary]
if standby:
    connection.call_later(args.standby_delay, lambda: subscribe(standby))
print(' [*] Game server (pika) for rooms 1-%d. To exit press CTRL+C' % len(rooms), flush=True)
try:
    channel.start_consuming()
except KeyboardInterrupt:
    connection.close()
