package com.foobar.dns.zone;

import org.xbill.DNS.Record;

/** A parsed record and the zone-file line it ended on, so validation can point at the line. */
record ZoneRecord(Record record, int line) {}
