using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CxWarehouse.Reports.Mail;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpTls
{
    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Implicit,

    /// <summary>No encryption: only for a relay on this machine.</summary>
    None,
}

/// <summary>The SMTP server the message is sent through.</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">TCP port.</param>
/// <param name="Tls">How the connection is secured.</param>
/// <param name="User">The login, or null to send without authenticating.</param>
/// <param name="Password">The password, read from the environment variable the configuration names.</param>
public sealed record SmtpServer(string Host, int Port, SmtpTls Tls, string? User, string? Password)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"{Host}:{Port}";
}

/// <summary>A send that failed, with the server's answer (never the password).</summary>
public sealed class MailSendException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>Sends a message over SMTP with MailKit.</summary>
public static class MailSender
{
    /// <summary>Connects, authenticates when a user is set, sends and disconnects.</summary>
    /// <returns>The server's answer to the message (its queue id, typically).</returns>
    /// <exception cref="MailSendException">The server could not be reached or refused the login, a sender, a
    /// recipient or the message; the text names the server and its answer.</exception>
    public static string Send(MimeMessage message, SmtpServer server, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(server);
        if (message.From.Count == 0 || !message.To.Mailboxes.Concat(message.Cc.Mailboxes).Any())
        {
            throw new MailSendException("mail: the message needs a sender (mail.from) and a recipient (mail.to)");
        }

        var where = $"SMTP server {server.Host}:{server.Port}";
        using var client = new SmtpClient { Timeout = (int)(timeout ?? TimeSpan.FromSeconds(60)).TotalMilliseconds };
        try
        {
            client.Connect(server.Host, server.Port, server.Tls switch
            {
                SmtpTls.Implicit => SecureSocketOptions.SslOnConnect,
                SmtpTls.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            });
            if (server.User is not null)
            {
                client.Authenticate(server.User, server.Password ?? "");
            }

            var answer = client.Send(message);
            client.Disconnect(quit: true);
            return answer;
        }
        catch (AuthenticationException ex)
        {
            throw new MailSendException($"mail: {where} refused the login of {server.User}: {ex.Message}", ex);
        }
        catch (SmtpCommandException ex)
        {
            var about = ex.ErrorCode switch
            {
                SmtpErrorCode.SenderNotAccepted => $"the sender {ex.Mailbox}",
                SmtpErrorCode.RecipientNotAccepted => $"the recipient {ex.Mailbox}",
                _ => "the message",
            };
            throw new MailSendException(
                $"mail: {where} refused {about}: {(int)ex.StatusCode} {ex.Message}", ex);
        }
        catch (SmtpProtocolException ex)
        {
            throw new MailSendException($"mail: {where} broke the SMTP protocol: {ex.Message}", ex);
        }
        catch (SslHandshakeException ex)
        {
            throw new MailSendException($"mail: TLS with {where} failed: {ex.Message.Split('\n')[0]}", ex);
        }
        catch (NotSupportedException ex)
        {
            throw new MailSendException($"mail: {where}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or OperationCanceledException)
        {
            throw new MailSendException($"mail: cannot reach {where}: {ex.Message}", ex);
        }
    }
}
