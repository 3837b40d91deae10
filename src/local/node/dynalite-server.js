#!/usr/bin/env node
// Local DynamoDB-compatible server for bin/local-api, bin/invoke and the tests: a thin launcher around dynalite's
// programmatic API (the version pinned in package-lock.json), bound to 127.0.0.1 only.
//
//   node src/local/node/dynalite-server.js [--port N] [--path DIR] [--watch-stdin]
//
//   --port N        port to listen on; 0 (the default) picks a free one
//   --path DIR      LevelDB directory for persistent data; in-memory when absent. LevelDB locks it, so only one
//                   process at a time can serve a given DIR (a second one exits 1 saying so).
//   --watch-stdin   exit when stdin reaches end-of-file: a parent (e.g. a JVM) that starts this process with a
//                   pipe on stdin takes it down when it dies, however it dies. Opt-in, because a shell's
//                   background job often has stdin at EOF from the start.
//
// Protocol: once listening (and, with --path, once the database answered a ListTables), exactly one line
// `DYNALITE_PORT=<port>` is written to stdout; that is the readiness signal. Nothing else goes to stdout; errors
// go to stderr. Exit status: 0 after SIGTERM/SIGINT (or stdin EOF with --watch-stdin), 1 when listening or
// opening the database fails, 2 on bad arguments.
'use strict'

const http = require('http')

const USAGE = 'usage: node src/local/node/dynalite-server.js [--port N] [--path DIR] [--watch-stdin]'

function fail (message, status) {
  process.stderr.write('dynalite-server: ' + message + '\n')
  process.exit(status)
}

function parseArgs (argv) {
  const options = { port: 0, path: undefined, watchStdin: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--port' || arg === '--path') {
      const value = argv[++i]
      if (value === undefined || value === '') fail(arg + ' needs a value\n' + USAGE, 2)
      if (arg === '--port') {
        if (!/^\d+$/.test(value) || Number(value) > 65535) fail('--port must be 0..65535, got ' + value, 2)
        options.port = Number(value)
      }
      else {
        options.path = value
      }
    }
    else if (arg === '--watch-stdin') {
      options.watchStdin = true
    }
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE + '\n')
      process.exit(0)
    }
    else {
      fail('unknown argument ' + arg + '\n' + USAGE, 2)
    }
  }
  return options
}

// A minimal signed-looking ListTables: dynalite checks the shape of the Authorization header, not the signature.
function probe (port, callback) {
  const body = '{}'
  const request = http.request({
    host: '127.0.0.1',
    port: port,
    method: 'POST',
    path: '/',
    agent: false, // no keep-alive: an idle probe connection would delay server.close()
    timeout: 5000,
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'Content-Length': Buffer.byteLength(body),
      'X-Amz-Target': 'DynamoDB_20120810.ListTables',
      'X-Amz-Date': '20200101T000000Z',
      'Authorization': 'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, '
        + 'SignedHeaders=host;x-amz-date;x-amz-target, Signature=0',
    },
  }, function (response) {
    let text = ''
    response.setEncoding('utf8')
    response.on('data', function (chunk) { text += chunk })
    response.on('end', function () {
      callback(response.statusCode === 200 ? null : new Error('HTTP ' + response.statusCode + ' ' + text.trim()))
    })
  })
  request.on('timeout', function () { request.destroy(new Error('no answer within 5 s')) })
  request.on('error', callback)
  request.end(body)
}

// LevelDB opens lazily inside dynalite, and a locked directory then surfaces as an unhandled stream error on first
// use. Opening (and closing) it here first turns "another process holds the lock" into a clear message.
async function checkDatabase (path) {
  const { Level } = require('level')
  const db = new Level(path, { valueEncoding: 'json' })
  try {
    await db.open()
  }
  catch (e) {
    const cause = e.cause || e
    if (cause.code === 'LEVEL_LOCKED' || /lock/i.test(String(cause.message))) {
      fail('the database directory ' + path + ' is locked by another process - another bin/local-api, '
        + 'bin/invoke or dynalite-server is already serving it. Stop that one, or point this one at it '
        + '(DYNAMODB_ENDPOINT), or use another --path.', 1)
    }
    fail('cannot open the database in ' + path + ': ' + (cause.code || '') + ' ' + cause.message, 1)
  }
  await db.close()
}

async function main () {
  const options = parseArgs(process.argv.slice(2))
  let server = null
  let stopping = false

  // Registered first, so that a signal during startup also ends the process with status 0.
  function stop (reason) {
    if (stopping || server === null) {
      process.exit(0) // a second signal, or nothing started yet: do not wait
    }
    stopping = true
    if (typeof server.closeIdleConnections === 'function') server.closeIdleConnections()
    // Keep-alive connections from SDK clients would otherwise hold server.close() open.
    const force = setTimeout(function () {
      if (typeof server.closeAllConnections === 'function') server.closeAllConnections()
    }, 500)
    const giveUp = setTimeout(function () {
      process.stderr.write('dynalite-server: did not close within 5 s (' + reason + '); exiting anyway\n')
      process.exit(0)
    }, 5000)
    force.unref()
    giveUp.unref()
    server.close(function () {
      process.exit(0)
    })
  }
  process.on('SIGTERM', function () { stop('SIGTERM') })
  process.on('SIGINT', function () { stop('SIGINT') })
  if (options.watchStdin) {
    process.stdin.on('end', function () { stop('stdin closed') })
    process.stdin.on('error', function () { stop('stdin error') })
    process.stdin.resume()
  }

  let dynalite
  try {
    dynalite = require('dynalite')
  }
  catch (e) {
    fail('cannot load dynalite (' + e.message + '); run `npm ci` in the project directory', 1)
  }
  if (options.path) {
    await checkDatabase(options.path)
  }
  process.on('uncaughtException', function (err) {
    fail('unexpected error: ' + (err && err.stack || err), 1)
  })

  server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: options.path })

  server.on('error', function (err) {
    if (err.code === 'EADDRINUSE') {
      fail('port ' + options.port + ' on 127.0.0.1 is already in use (EADDRINUSE); choose another --port, '
        + 'or 0 for a free one', 1)
    }
    fail('cannot listen on 127.0.0.1:' + options.port + ': ' + (err.code || '') + ' ' + err.message, 1)
  })

  server.listen(options.port, '127.0.0.1', function () {
    const port = server.address().port
    const ready = function () {
      process.stdout.write('DYNALITE_PORT=' + port + '\n')
    }
    if (!options.path) {
      return ready()
    }
    // With a LevelDB directory, make sure the database really opened (it is opened lazily and a second process
    // on the same directory fails only on first use) before announcing readiness.
    probe(port, function (err) {
      if (err) {
        const locked = /lock|LEVEL_LOCKED|LEVEL_DATABASE_NOT_OPEN|not open/i.test(err.message)
        fail('the database in ' + options.path + ' did not open'
          + (locked ? ' - probably another dynalite (another bin/local-api or bin/invoke) is using it' : '')
          + ': ' + err.message, 1)
      }
      ready()
    })
  })
}

main().catch(function (err) {
  fail('unexpected error: ' + (err && err.stack || err), 1)
})
