# The game's rules and wire format, shared by server.py, player.py and rewards.py.
# The Java servers (org.ferrymq.examples.game.Room, ...) follow the same rules, byte for byte
# where it matters: the same actions give the same room in every language, so a pika player
# can play on a Java or JMS server and a room can move from a Python server to a Java one.
import json
import os

ACTIONS_EXCHANGE = 'game.actions'        # topic: room.<id>.action.<kind>
UNROUTED_EXCHANGE = 'game.unrouted'      # fanout: the alternate exchange of game.actions
UNKNOWN_ROOM_QUEUE = 'game.unknown-room'  # actions no room queue took: answered with an error
STATE_EXCHANGE = 'game.state'            # topic: room.<id>.state, one queue per player
REWARDS_QUEUE = 'game.rewards'           # durable work queue of quest rewards

WIDTH, HEIGHT, MAX_HP, DAMAGE = 10, 10, 100, 25
LEADERBOARD = 'leaderboard'  # a query, not a change: the owner answers the sender (RPC)
KINDS = ('join', 'move', 'attack', 'leave', LEADERBOARD)
ITEMS = ('sword', 'shield', 'potion', 'gem')


def amqp_parameters():
    import pika
    return pika.ConnectionParameters(host=os.environ.get('AMQP_HOST', 'localhost'),
                                     port=int(os.environ.get('AMQP_PORT', 5672)))


def room_count():
    return int(os.environ.get('GAME_ROOMS', 4))


def room_queue(room):
    return 'game.room.%s' % room


def snapshot_queue(room):
    return 'game.room.%s.snapshot' % room


def state_key(room):
    return 'room.%s.state' % room


def action_key(room, kind):
    return 'room.%s.action.%s' % (room, kind)


def declare_exchanges(channel):
    """What players and reward workers need (the same declarations as GameTopology.java)."""
    channel.exchange_declare(UNROUTED_EXCHANGE, exchange_type='fanout', durable=True)
    channel.exchange_declare(ACTIONS_EXCHANGE, exchange_type='topic', durable=True,
                             arguments={'alternate-exchange': UNROUTED_EXCHANGE})
    channel.exchange_declare(STATE_EXCHANGE, exchange_type='topic', durable=True)
    channel.queue_declare(UNKNOWN_ROOM_QUEUE, durable=True)
    channel.queue_bind(UNKNOWN_ROOM_QUEUE, UNROUTED_EXCHANGE, '')
    channel.queue_declare(REWARDS_QUEUE, durable=True)


def declare(channel, rooms):
    """Everything, for rooms 1..rooms; every server runs it at start."""
    declare_exchanges(channel)
    for room in range(1, rooms + 1):
        channel.queue_declare(room_queue(room), durable=True, arguments={'x-single-active-consumer': True})
        channel.queue_bind(room_queue(room), ACTIONS_EXCHANGE, 'room.%s.action.*' % room)
        channel.queue_declare(snapshot_queue(room), durable=True, arguments={'x-max-length': 1})


def dumps(message):
    return json.dumps(message, separators=(',', ':')).encode('utf-8')


class GameError(Exception):
    """A bad action: the code goes to the player in an error message, the server carries on."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def room_of(routing_key):
    words = routing_key.split('.')
    if len(words) == 4 and words[0] == 'room' and words[2] == 'action' and words[1]:
        return words[1]
    return None


def parse_action(routing_key, body):
    """(room, kind, action dict) from a routing key room.<id>.action.<kind> and a JSON body."""
    room = room_of(routing_key)
    if room is None:
        raise GameError('malformed', "routing key must be room.<id>.action.<kind>, was '%s'" % routing_key)
    kind = routing_key.split('.')[3]
    try:
        action = json.loads(body.decode('utf-8'))
    except (ValueError, UnicodeDecodeError) as e:
        raise GameError('malformed', 'body is not JSON: %s' % e)
    if not isinstance(action, dict):
        raise GameError('malformed', 'body must be a JSON object')
    player = action.get('player')
    if not isinstance(player, str) or not player.strip():
        raise GameError('malformed', '"player" (a non-empty string) is required')
    if 'kind' in action and action['kind'] != kind:
        raise GameError('malformed', '"kind" %s does not match the routing key\'s \'%s\'' % (json.dumps(action['kind']), kind))
    if kind not in KINDS:
        raise GameError('unknown-action', "unknown action '%s' (join, move, attack, leave, leaderboard)" % kind)
    if kind == 'move' and not (_is_int(action.get('dx')) and _is_int(action.get('dy'))):
        raise GameError('malformed', 'a move needs integer "dx" and "dy"')
    if kind == 'attack' and not isinstance(action.get('target'), str):
        raise GameError('malformed', 'an attack needs "target" (a player name)')
    seq = action.get('seq')
    action['seq'] = seq if _is_int(seq) else 0
    return room, kind, action


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


class Room:
    """One room's state and the rules (see Room.java): every change gets the next seq."""

    def __init__(self, room_id, snapshot=None):
        self.id = room_id
        self.seq = 0
        self.players = {}  # name -> {'x','y','hp','score'}
        if snapshot:
            self.seq = snapshot['seq']
            for p in snapshot['players']:
                self.players[p['name']] = {'x': p['x'], 'y': p['y'], 'hp': p['hp'], 'score': p['score']}

    def apply(self, kind, action):
        """(event, quest or None, snapshot_for_sender); raises GameError and leaves the room as it was."""
        name = action['player']
        me = self.players.get(name)
        if me is None and kind != 'join':
            raise GameError('not-joined', '%s has not joined room %s' % (name, self.id))
        if kind == 'join':
            if me is not None:
                return dict(self._event('rejoin', action), x=me['x'], y=me['y']), None, True
            cell = self._free_cell(self.seq + 1)
            if cell < 0:
                raise GameError('blocked', 'room %s is full' % self.id)
            me = {'x': cell % WIDTH, 'y': cell // WIDTH, 'hp': MAX_HP, 'score': 0}
            self.players[name] = me
            return dict(self._event('join', action), x=me['x'], y=me['y']), None, True
        if kind == 'move':
            dx, dy = action['dx'], action['dy']
            if abs(dx) + abs(dy) != 1:
                raise GameError('bad-move', 'a move is one step: dx, dy in -1..1 and |dx|+|dy| = 1')
            x, y = me['x'] + dx, me['y'] + dy
            if x < 0 or y < 0 or x >= WIDTH or y >= HEIGHT:
                raise GameError('off-grid', '(%d,%d) is off the %dx%d grid' % (x, y, WIDTH, HEIGHT))
            other = self._occupant(x, y)
            if other is not None:
                raise GameError('blocked', '(%d,%d) is taken by %s' % (x, y, other))
            me['x'], me['y'] = x, y
            return dict(self._event('move', action), x=x, y=y), None, False
        if kind == 'attack':
            target_name = action['target']
            target = self.players.get(target_name)
            if target is None:
                raise GameError('unknown-target', "no player '%s' in room %s" % (target_name, self.id))
            if target is me or max(abs(target['x'] - me['x']), abs(target['y'] - me['y'])) > 1:
                raise GameError('out-of-range', '%s is not next to %s' % (target_name, name))
            target['hp'] -= DAMAGE
            event = dict(self._event('attack', action), target=target_name, damage=DAMAGE)
            quest = None
            if target['hp'] <= 0:
                me['score'] += 1
                target['hp'] = MAX_HP
                cell = self._free_cell(self.seq)
                if cell >= 0:
                    target['x'], target['y'] = cell % WIDTH, cell // WIDTH
                quest = {'quest': '%s-%d' % (self.id, self.seq), 'room': self.id, 'player': name,
                         'defeated': target_name, 'seq': self.seq}
                event['defeated'] = True
                event['quest'] = quest['quest']
            return event, quest, False
        # leave
        del self.players[name]
        return self._event('leave', action), None, False

    def _event(self, kind, action):
        self.seq += 1
        return {'kind': kind, 'player': action['player'], 'action': action['seq']}

    def _occupant(self, x, y):
        for name in sorted(self.players):
            p = self.players[name]
            if p['x'] == x and p['y'] == y:
                return name
        return None

    def _free_cell(self, salt):
        cells = WIDTH * HEIGHT
        start = (salt * 7) % cells
        for i in range(cells):
            cell = (start + i) % cells
            if self._occupant(cell % WIDTH, cell // WIDTH) is None:
                return cell
        return -1

    def to_json(self, kind):
        return {'type': kind, 'room': self.id, 'seq': self.seq, 'w': WIDTH, 'h': HEIGHT,
                'players': [dict(name=name, **self.players[name]) for name in sorted(self.players)]}

    def leaderboard(self):
        """The answer to a leaderboard query (see Room.leaderboard in Java): best score first, then by name."""
        ranked = sorted(self.players.items(), key=lambda item: (-item[1]['score'], item[0]))
        return {'type': 'leaderboard', 'room': self.id, 'seq': self.seq,
                'players': [{'name': name, 'score': p['score']} for name, p in ranked]}

    def state_update(self, event):
        update = self.to_json('state')
        update['event'] = event
        return update


def error_message(room, error, action_seq):
    message = {'type': 'error', 'code': error.code, 'message': str(error)}
    if room is not None:
        message['room'] = room
    if action_seq:
        message['action'] = action_seq
    return message


def grant(job_body):
    """The reply to a reward job (see Rewards.java)."""
    job = json.loads(job_body.decode('utf-8'))
    return {'type': 'reward', 'quest': job['quest'], 'player': job['player'],
            'item': ITEMS[job['seq'] % len(ITEMS)], 'qty': 1}
