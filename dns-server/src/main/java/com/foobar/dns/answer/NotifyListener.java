package com.foobar.dns.answer;

import java.net.InetAddress;
import org.xbill.DNS.Name;

/** What a server does with a NOTIFY (RFC 1996): a secondary refreshes the zone from its primary. */
@FunctionalInterface
public interface NotifyListener {
  /** A primary of nothing: every NOTIFY is refused. */
  NotifyListener NONE = (zone, from) -> false;

  /**
   * @return whether the NOTIFY for {@code zone} from {@code from} is accepted (a zone followed
   *     here, from one of its primaries), its refresh then under way; false answers REFUSED
   */
  boolean notified(Name zone, InetAddress from);
}
