/**
 * Users, the prediction log and settings on MongoDB, through mongodb-driver-sync. {@link
 * org.magicsteps.mongo.MongoStores} is the one entry point: it connects to a MongoDB server and
 * hands out the three adapters. The prediction log writes behind a durable journal on local disk, so that a
 * prediction is answered and kept even while MongoDB is down. Documents, mappers and the journal
 * stay package-private; no driver type appears in a public signature.
 */
package org.magicsteps.mongo;
